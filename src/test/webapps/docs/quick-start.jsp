<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%-- the README's quick start for JSP fragments, as DocSamplesTest renders it (user and lang as an application has them) --%>
<% request.setAttribute("user", java.util.Collections.singletonMap("id", 7)); %>
<%-- doc:quick-fragments --%>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>

<cache:fragment name="sidebar" timeout="600" vary="${user.id}">
  ... expensive markup, one copy per user for 10 minutes ...
</cache:fragment>

<cache:icache tokens="movies, movie-list">
  ... kept until the counter of "movies" or "movie-list" changes ...
</cache:icache>
<%-- end:quick-fragments --%>
