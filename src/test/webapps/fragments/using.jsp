<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
other=[<cache:fragment name="in-other" using="other">v=${param.v}</cache:fragment>]
fragments=[<cache:fragment name="in-fragments">v=${param.v}</cache:fragment>]
