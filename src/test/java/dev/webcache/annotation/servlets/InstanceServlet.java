package dev.webcache.annotation.servlets;

import dev.webcache.annotation.CacheControl;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Added with {@code ServletContext.addServlet(name, Servlet)}; the {@code doGet} annotation wins over the class's. */
@CacheControl(noStore = true)
public class InstanceServlet extends HttpServlet {
    @Override
    @CacheControl(maxAge = 5, isPrivate = true)
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("instance");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("posted");
    }
}
