<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<cache:fragment name="boom">v=${param.v}<c:if test="${param.fail == 'yes'}">${'not a number' + 1}</c:if></cache:fragment>
