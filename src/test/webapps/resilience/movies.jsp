<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
fragment=[<cache:icache tokens="movies">v=${param.v}</cache:icache>]
