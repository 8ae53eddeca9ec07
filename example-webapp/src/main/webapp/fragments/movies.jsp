<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<jsp:useBean id="now" class="java.util.Date"/>
<fmt:setLocale value="en"/>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Fragment cache: movies</title></head>
<body>
<h1>Movies: template fragment cache</h1>

<div id="sidebar">
  <%-- Django's {% cache 60 sidebar user %}: one cached copy per user, for 60 s --%>
  <cache:fragment name="movie-sidebar" vary="${param.user}" timeout="60">
    <p>Hello, <c:out value="${empty param.user ? 'guest' : param.user}"/>!
      This sidebar was rendered at <fmt:formatDate value="${now}" pattern="HH:mm:ss"/> and is cached for 60 s per user.</p>
  </cache:fragment>
</div>

<div id="movie-list">
  <%-- django-icache: stored until the counter of "movies" (or "movie-list") changes --%>
  <cache:icache tokens="movies, movie-list">
    <ul>
      <c:forEach var="title" items="${movieCatalog.titles}"><li><c:out value="${title}"/></li></c:forEach>
    </ul>
    <p>List rendered at <fmt:formatDate value="${now}" pattern="HH:mm:ss"/>, version ${cache:tokenSum(pageContext, 'movies, movie-list')}.</p>
  </cache:icache>
</div>

<p id="queries">Slow catalog queries so far: ${movieCatalog.queries}. Page rendered at <fmt:formatDate value="${now}" pattern="HH:mm:ss"/>.</p>

<form method="post" action="${pageContext.request.contextPath}/fragments/movies/add">
  <input type="hidden" name="user" value="<c:out value='${param.user}'/>">
  <label>Title <input name="title" required></label>
  <button type="submit">Add movie</button> (calls <code>TokenCounters.of(cache).incr("movies")</code>)
</form>
<p>Try <a href="?user=ann">as ann</a>, <a href="?user=bob">as bob</a>, <a href="?">as a guest</a>.</p>
<p><a href="${pageContext.request.contextPath}/">Back</a></p>
</body>
</html>
