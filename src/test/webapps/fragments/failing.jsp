<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
fragment=[<cache:fragment name="f">v=${param.v}</cache:fragment>]
icache=[<cache:icache tokens="movies">v=${param.v}</cache:icache>]
tokens=[<cache:fragment name="t" using="healthy" tokens="movies">v=${param.v}</cache:fragment>]
sum=[${cache:tokenSum(pageContext, 'movies')}]
