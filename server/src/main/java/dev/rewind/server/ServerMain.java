package dev.rewind.server;

public final class ServerMain {
    public static void main(String[] args) {
        System.out.println("rewind-server");
    }
}
