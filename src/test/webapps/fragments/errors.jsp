<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<cache:fragment name="bad" timeout="${param.timeout}" using="${param.using}">v=${param.v}</cache:fragment>
