<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<%-- the samples of docs/fragments.md, as DocSamplesTest renders them (user and lang as an application has them) --%>
<% request.setAttribute("user", java.util.Collections.singletonMap("id", 7)); %>
<% request.setAttribute("lang", "en"); %>
<%-- doc:taglib --%>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
<%-- end:taglib --%>
<%-- doc:fragment --%>
<cache:fragment name="sidebar" timeout="600" vary="${[user.id, lang]}">
  ... expensive markup ...
</cache:fragment>
<%-- end:fragment --%>
