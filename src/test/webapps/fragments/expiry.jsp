<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
thirty=[<cache:fragment name="thirty" timeout="30">v=${param.v}</cache:fragment>]
forever=[<cache:fragment name="forever" timeout="none">v=${param.v}</cache:fragment>]
default=[<cache:fragment name="default-timeout">v=${param.v}</cache:fragment>]
outside=[v=${param.v}]
