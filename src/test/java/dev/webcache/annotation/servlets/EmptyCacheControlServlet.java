package dev.webcache.annotation.servlets;

import dev.webcache.annotation.CacheControl;
import jakarta.servlet.http.HttpServlet;

/** An annotation that sets nothing: a configuration mistake that must stop the deployment. */
@CacheControl
public class EmptyCacheControlServlet extends HttpServlet {
}
