<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<cache:fragment name="f" vary="${param.k}">fragment=${param.k}</cache:fragment>;<cache:icache tokens="t${param.k}">icache=${param.k}</cache:icache>
