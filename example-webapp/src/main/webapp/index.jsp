<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>webcache example</title></head>
<body>
<h1>webcache example</h1>
<p>Django's cache framework for Jakarta EE. Each page below shows one feature.</p>
<ul id="features">
  <li><a href="${pageContext.request.contextPath}/low-level">Low-level cache API</a>: a visit counter kept with <code>incr</code>, and the configured caches.</li>
  <li><a href="${pageContext.request.contextPath}/headers/index.jsp">Cache header annotations</a>: <code>@CacheControl</code>, <code>@NeverCache</code>, <code>@VaryOnHeaders</code> and <code>@VaryOnCookie</code> on servlets, with no web.xml line.</li>
  <li><a href="${pageContext.request.contextPath}/page-cache/index.jsp">Whole-page cache</a>: the <code>UpdateCacheFilter</code>/<code>FetchFromCacheFilter</code> pair, <code>@CachePage</code> and <code>PageCache.invalidate</code>; the rendered-at time stays the same on reload until the page expires.</li>
  <li><a href="${pageContext.request.contextPath}/cluster">Cluster tier</a>: two instances share one Hazelcast cache (Maven profile <code>cluster</code>).</li>
  <li><a href="${pageContext.request.contextPath}/fragments/movies.jsp">Template fragment cache</a>: a movie list cached with <code>&lt;cache:icache tokens="movies"&gt;</code> until a movie is added, and a per-user sidebar cached with <code>&lt;cache:fragment&gt;</code>.</li>
  <li><a href="${pageContext.request.contextPath}/memo">Memoization</a>: a large report computed once and stored in compressed chunks, and a list memoized item by item.</li>
  <li><a href="${pageContext.request.contextPath}/proxy/news">Caching reverse proxy</a>: <code>CacheFilter mode=shared</code> (a strict RFC 9111 shared cache) in front of Jetty's <code>ProxyServlet</code>; the origin's <code>s-maxage</code> and <code>ETag</code> decide, and an <code>Age</code> header shows each hit.</li>
  <li><a href="${pageContext.request.contextPath}/stats">Statistics</a>: each page-cache configuration's counters and each cache's size and hit counts, from the public statistics API (the same figures as the MBeans and <code>WebcacheMetrics</code>); reloads every 5 seconds.</li>
</ul>
</body>
</html>
