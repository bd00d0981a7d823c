package io.sheetsync.sync;


/** A run stopped on request (cancel, time limit, shutdown) or because it lost the sync lock; not a failure of the data. */
public class RunStoppedException extends Exception {

    private final transient StopRequest request;

    public RunStoppedException(StopRequest request, String message) {
        super(message);
        this.request = request;
    }

    public StopRequest request() {
        return request;
    }
}
