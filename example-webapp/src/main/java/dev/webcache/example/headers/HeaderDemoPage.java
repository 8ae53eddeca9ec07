package dev.webcache.example.headers;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The page the header demos share: what the servlet's annotation is, a paragraph of its own, and the caching headers
 * the browser received (read by a script with a HEAD request to the same URL, since the servlet only sees the
 * headers it set itself).
 */
final class HeaderDemoPage {
    private HeaderDemoPage() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, String title, String annotation,
            String paragraph) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>" + title
                + "</title></head><body>");
        out.println("<h1>" + title + "</h1>");
        out.println("<p>This servlet is annotated with <code>" + annotation + "</code>; no web.xml line.</p>");
        out.println("<p id=\"content\">" + paragraph + "</p>");
        out.println("<p>Caching headers of this page (<code>curl -sI</code> shows them too):</p>");
        out.println("<pre id=\"headers\"></pre>");
        out.println("<script>fetch(location.href, {method: 'HEAD', cache: 'no-store'}).then(function (r) {"
                + " document.getElementById('headers').textContent = ['Cache-Control', 'Expires', 'Vary']"
                + ".map(function (h) { return h + ': ' + (r.headers.get(h) || '(none)'); }).join('\\n'); });</script>");
        out.println("<p><a href=\"" + request.getContextPath()
                + "/headers/index.jsp\">Back to the header demos</a></p>");
        out.println("</body></html>");
    }

    /** Escapes text for HTML. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
