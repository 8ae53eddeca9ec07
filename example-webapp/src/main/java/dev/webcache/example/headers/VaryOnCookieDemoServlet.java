package dev.webcache.example.headers;

import dev.webcache.annotation.CacheControl;
import dev.webcache.annotation.VaryOnCookie;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code @VaryOnCookie}: the page shows the visitor's {@code theme} cookie, so a cache must not give one visitor's
 * copy to another. {@code ?theme=dark} sets the cookie.
 */
@WebServlet("/headers/vary-on-cookie")
@VaryOnCookie
@CacheControl(maxAge = 60, isPrivate = true)
public class VaryOnCookieDemoServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String theme = request.getParameter("theme");
        if (theme != null && theme.matches("[a-z]{1,20}")) {
            Cookie cookie = new Cookie("theme", theme);
            cookie.setPath(request.getContextPath() + "/headers");
            response.addCookie(cookie);
        } else {
            theme = "light";
            if (request.getCookies() != null) {
                for (Cookie cookie : request.getCookies()) {
                    if (cookie.getName().equals("theme")) {
                        theme = cookie.getValue();
                    }
                }
            }
        }
        HeaderDemoPage.write(request, response, "@VaryOnCookie",
                "@VaryOnCookie @CacheControl(maxAge = 60, isPrivate = true)",
                "Your theme: " + HeaderDemoPage.escape(theme) + ". Try <a href=\"?theme=dark\">dark</a> or "
                        + "<a href=\"?theme=light\">light</a>.");
    }
}
