package org.circusmeta.manager.tasks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.Principal;
import org.circusmeta.manager.http.Peers;

/**
 * On the admin port's {@code /tasks/*}: hands each task an output through which it can answer a 4xx.
 * Dropwizard's task servlet answers 500 for any exception a task throws and gives the task only a
 * writer, so the writer is where the status travels: a task of this package that refuses its request
 * sets the status on the writer's response ({@link RefusingTask}). Thread-safe (stateless; one
 * response wrapper per request).
 */
public final class TaskStatusFilter implements Filter {
    /** The path the filter is mapped to on the admin port. */
    public static final String TASKS = "/tasks/*";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response instanceof HttpServletResponse http
                ? new Answerable(http, caller(request)) : response);
    }

    /** Who runs the task, as the audit names them: the client's address, and its token's name when it sent one. */
    private static String caller(ServletRequest request) {
        String peer = Peers.of(request);
        Principal principal = request instanceof HttpServletRequest http ? http.getUserPrincipal() : null;
        return principal == null ? peer : principal.getName() + " from " + peer;
    }

    private static final class Answerable extends HttpServletResponseWrapper {
        private final String caller;
        private TaskOutput output;

        Answerable(HttpServletResponse response, String caller) {
            super(response);
            this.caller = caller;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (output == null) {
                output = new TaskOutput(super.getWriter(), (HttpServletResponse) getResponse(), caller);
            }
            return output;
        }
    }

    /** A task's output that can still set the status of its answer, until the answer is sent. */
    static final class TaskOutput extends PrintWriter {
        private final HttpServletResponse response;
        private final String caller;

        private TaskOutput(PrintWriter out, HttpServletResponse response, String caller) {
            super(out);
            this.response = response;
            this.caller = caller;
        }

        /** Who runs the task: {@code 127.0.0.1:53412}, or {@code ops from 127.0.0.1:53412} with a token. */
        String caller() {
            return caller;
        }

        /** Answers {@code status} with a plain message; called before the task wrote anything. */
        void refuse(int status, String message) {
            if (!response.isCommitted()) {
                response.setStatus(status);
                response.setContentType("text/plain;charset=UTF-8");
            }
            println(message);
        }
    }
}
