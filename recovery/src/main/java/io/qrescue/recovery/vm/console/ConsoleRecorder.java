package io.qrescue.recovery.vm.console;

/** Receives every byte that crosses the serial line, both ways, for a log of the session. */
public interface ConsoleRecorder {

    /** A recorder that keeps nothing. */
    ConsoleRecorder NONE = new ConsoleRecorder() {
        @Override
        public void fromVm(byte[] bytes, int offset, int length) {
        }

        @Override
        public void toVm(byte[] bytes, int offset, int length) {
        }
    };

    /** Bytes the VM printed, exactly as read. */
    void fromVm(byte[] bytes, int offset, int length);

    /** Bytes we typed, exactly as sent. */
    void toVm(byte[] bytes, int offset, int length);
}
