package org.circusmeta.manager.tasks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

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
        chain.doFilter(request, response instanceof HttpServletResponse http ? new Answerable(http) : response);
    }

    private static final class Answerable extends HttpServletResponseWrapper {
        private TaskOutput output;

        Answerable(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (output == null) {
                output = new TaskOutput(super.getWriter(), (HttpServletResponse) getResponse());
            }
            return output;
        }
    }

    /** A task's output that can still set the status of its answer, until the answer is sent. */
    static final class TaskOutput extends PrintWriter {
        private final HttpServletResponse response;

        private TaskOutput(PrintWriter out, HttpServletResponse response) {
            super(out);
            this.response = response;
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
