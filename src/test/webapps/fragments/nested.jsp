<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<cache:fragment name="outer">outer v=${param.v} (<cache:fragment name="inner">inner v=${param.v}<c:if test="${param.fail == 'inner'}">${'not a number' + 1}</c:if></cache:fragment>)</cache:fragment>
