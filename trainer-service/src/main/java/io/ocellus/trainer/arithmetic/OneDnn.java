package io.ocellus.trainer.arithmetic;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.nio.file.Path;

/**
 * Turns libtorch's use of oneDNN (MKL-DNN) for CPU convolutions on and off, the switch Python exposes as
 * {@code torch.backends.mkldnn.enabled}. DJL has no call for it, so this reaches libtorch's own
 * {@code at::globalContext().setUserEnabledMkldnn(bool)} through JNA. Off, convolutions run as im2col and a
 * matrix product, which is slower (about 3.7 times for LeNet's second convolution on two cores) but does not use
 * oneDNN's blocked-layout kernels, which compute wrong results on some AVX-512 CPUs.
 */
public final class OneDnn {

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledMkldnnEb";

    private OneDnn() {
    }

    /** Whether libtorch currently runs CPU convolutions through oneDNN. */
    public static synchronized boolean enabled() {
        NativeLibrary torch = torch();
        // a C++ bool comes back in the low byte of the register; the rest is not defined
        return (torch.getFunction(IS_ENABLED).invokeInt(new Object[]{context(torch)}) & 0xff) != 0;
    }

    public static synchronized void enable(boolean on) {
        NativeLibrary torch = torch();
        torch.getFunction(SET_ENABLED).invokeVoid(new Object[]{context(torch), on});
    }

    private static Pointer context(NativeLibrary torch) {
        Function globalContext = torch.getFunction(GLOBAL_CONTEXT);
        return globalContext.invokePointer(new Object[0]);
    }

    /** libtorch_cpu, which DJL has already loaded from its cache folder; JNA opens the same file again. */
    private static NativeLibrary torch() {
        Path library = Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
        return NativeLibrary.getInstance(library.toString());
    }
}
