<%@ page contentType="text/html; charset=ISO-8859-1" pageEncoding="ISO-8859-1" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<p><cache:fragment name="latin1">Grüße aus Köln, café ½ v=${param.v}</cache:fragment></p>
<p><cache:fragment name="shared">Grüße v=${param.v}</cache:fragment></p>
