<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Whole-page cache</title></head>
<body>
<h1>Whole-page cache</h1>
<p>This page is cached for 30 seconds by the filter pair declared in <code>WEB-INF/web.xml</code>
(<code>UpdateCacheFilter</code> first, <code>FetchFromCacheFilter</code> last, mapped to <code>/page-cache/*</code>).</p>
<p>Rendered at <span id="rendered-at"><%= java.time.Instant.now() %></span>.
Reload: the time stays the same until the page expires, and the <code>Age</code> response header counts the seconds
since it was stored. A conditional reload (<code>If-None-Match</code>) gets <code>304 Not Modified</code>.
The <code>X-Cache</code> header says how each response was answered (<code>MISS</code>, <code>HIT</code>, and for
30 seconds after expiry <code>STALE</code> while one request renders the page again); the page is stored
gzip-compressed and sent compressed to browsers that accept gzip.</p>
<form method="post" action="${pageContext.request.contextPath}/page-cache/refresh">
  <button type="submit">Invalidate now</button> (<code>PageCache.invalidate</code>: every variant of this URL)
</form>
<p><a href="${pageContext.request.contextPath}/page-cache/annotated">A servlet cached by <code>@CachePage</code></a>
· <a href="${pageContext.request.contextPath}/">Back</a></p>
</body>
</html>
