<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Cache header annotations</title></head>
<body>
<h1>Cache header annotations</h1>
<p>Django's view decorators as servlet annotations. They work with no web.xml line: webcache finds annotated
servlets at start-up and merges their headers into every response they send.</p>
<ul id="header-demos">
  <li><a href="${pageContext.request.contextPath}/headers/cache-control">@CacheControl</a>: merges directives into the servlet's own <code>Cache-Control</code>.</li>
  <li><a href="${pageContext.request.contextPath}/headers/never-cache">@NeverCache</a>: <code>Expires</code> now and <code>max-age=0, no-cache, no-store, must-revalidate, private</code>.</li>
  <li><a href="${pageContext.request.contextPath}/headers/vary-on-headers">@VaryOnHeaders</a>: adds request header names to <code>Vary</code>.</li>
  <li><a href="${pageContext.request.contextPath}/headers/vary-on-cookie">@VaryOnCookie</a>: adds <code>Cookie</code> to <code>Vary</code>.</li>
</ul>
<p><a href="${pageContext.request.contextPath}/">Back</a></p>
</body>
</html>
