package io.ocellus.stack;

/** A stand-in child process for tests: sleeps for the given number of seconds (default 60). */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(1000L * (args.length > 0 ? Integer.parseInt(args[0]) : 60));
    }
}
