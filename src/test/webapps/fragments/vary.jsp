<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
single=[<cache:fragment name="single" vary="${param.user}">user=${param.user} v=${param.v}</cache:fragment>]
list=[<cache:fragment name="list" vary="${[param.user, param.lang]}">user=${param.user} lang=${param.lang} v=${param.v}</cache:fragment>]
array=[<cache:fragment name="array" vary="${paramValues.tag}">tags v=${param.v}</cache:fragment>]
numbers=[<cache:fragment name="foo" vary="${[1, 2, 3, 4, 5]}">numbers v=${param.v}</cache:fragment>]
listKey=[${cache:fragmentKey('list', [param.user, param.lang])}]
