package dev.marcoforge.launcher;

public class MarcoCommand {
    public static void main(String[] args) {
    }
}
