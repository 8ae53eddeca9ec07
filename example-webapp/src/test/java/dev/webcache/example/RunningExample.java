package dev.webcache.example;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the example web application on Tomcat for the tests of one class, each class with a fresh one. */
abstract class RunningExample {
    static TomcatServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TomcatServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }
}
