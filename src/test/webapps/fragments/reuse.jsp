<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
first=[<cache:fragment name="same" vary="a" timeout="30" using="other">first v=${param.v}</cache:fragment>]
second=[<cache:fragment name="same">second v=${param.v}</cache:fragment>]
<c:forEach var="i" begin="1" end="3">
loop${i}=[<cache:fragment name="loop" vary="${i}" timeout="${i * 100}">item ${i} v=${param.v}</cache:fragment>]
</c:forEach>
icache1=[<cache:icache tokens="alpha, reuse">alpha v=${param.v}</cache:icache>]
icache2=[<cache:icache tokens="beta, reuse">beta v=${param.v}</cache:icache>]
