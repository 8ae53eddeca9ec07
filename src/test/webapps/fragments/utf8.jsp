<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<p><cache:fragment name="utf8" vary="${param.name}">Grüße, ${param.name}! 日本語 € 😀 v=${param.v}</cache:fragment></p>
<p><cache:fragment name="shared">Grüße v=${param.v}</cache:fragment></p>
