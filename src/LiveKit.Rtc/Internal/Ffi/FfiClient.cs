using System.Buffers;
using System.Reflection;
using System.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Google.Protobuf;
using LiveKit.Rtc.Internal.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// The process-wide connection to LiveKit's Rust core: loads and initializes it once, sends requests
/// (one serialized FfiRequest in, one FfiResponse out) and receives events through a static native callback.
/// </summary>
/// <remarks>
/// Threading: requests may be sent from any thread. Events arrive on the core's own threads, concurrently;
/// <see cref="OnNativeEvent"/> copies nothing it does not need, never throws and never blocks, and hands
/// everything to <see cref="FfiDispatcher"/>. livekit_ffi_dispose is never called (see NativeMethods).
/// </remarks>
internal sealed unsafe class FfiClient
{
    private const int StackRequestLimit = 512;
    private static readonly Lock s_gate = new();
    private static volatile FfiClient? s_instance;
    private static readonly DynamicLogger s_logger = new("LiveKit.Rtc");
    private long _nextAsyncId;

    private FfiClient()
    {
        Dispatcher = new FfiDispatcher(NativeMethods.DropHandle, Logs, s_logger);
    }

    /// <summary>Native log forwarding; exists before the library is loaded so it can be configured first.</summary>
    public static NativeLogForwarder Logs { get; } = new();

    /// <summary>The client, loading and initializing the core on first use (throws <see cref="NativeLibraryException"/>).</summary>
    public static FfiClient Instance => s_instance ?? Create();

    public static bool IsInitialized => s_instance is not null;

    public FfiDispatcher Dispatcher { get; }

    public ulong NextAsyncId() => (ulong)Interlocked.Increment(ref _nextAsyncId);

    private static FfiClient Create()
    {
        lock (s_gate)
        {
            if (s_instance is { } existing)
            {
                return existing;
            }
            NativeMethods.EnsureLoaded();
            var client = new FfiClient();
            // Published before initializing: the core may call back at once.
            s_instance = client;
            // The SDK name must be one the core knows (others only log "unknown SDK name"); "rust" is what
            // drives the server's client-specific behaviour for this core.
            ReadOnlySpan<byte> sdk = "rust\0"u8;
            byte[] version = Encoding.UTF8.GetBytes(SdkVersion + "\0");
            fixed (byte* sdkPtr = sdk)
            fixed (byte* versionPtr = version)
            {
                NativeMethods.Initialize(&OnNativeEvent, captureLogs: true, sdkPtr, versionPtr);
            }
            return client;
        }
    }

    private static string SdkVersion =>
        typeof(FfiClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Sends a request and returns its response; the response's native buffer is dropped before returning.</summary>
    public FfiResponse Request(FfiRequest request)
    {
        int size = request.CalculateSize();
        byte[]? rented = null;
        Span<byte> buffer = size <= StackRequestLimit
            ? stackalloc byte[StackRequestLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(size));
        buffer = buffer[..size];
        ulong responseHandle;
        byte* response;
        nuint responseLength;
        long problemsBefore = Logs.LatestProblemSequence;
        try
        {
            request.WriteTo(buffer);
            fixed (byte* data = buffer)
            {
                responseHandle = NativeMethods.Request(data, (nuint)size, &response, &responseLength);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (responseHandle == 0)
        {
            throw ThrowHelper.RequestFailed(request.MessageCase, ReasonFromLog(request.MessageCase, problemsBefore));
        }
        try
        {
            return FfiResponse.Parser.ParseFrom(new ReadOnlySpan<byte>(response, checked((int)responseLength)));
        }
        finally
        {
            NativeMethods.DropHandle(responseHandle);
        }
    }

    /// <summary>
    /// Sends an async request whose <c>request_async_id</c> is <paramref name="asyncId"/> and completes with
    /// its callback event. The pending entry exists before the request is sent and is removed if sending throws.
    /// </summary>
    public Task<FfiEvent> RequestAsync(FfiRequest request, ulong asyncId, CancellationToken cancellationToken,
        Action<FfiEvent>? orphanHandler = null)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<FfiEvent>(cancellationToken);
        }
        var call = new PendingCall(asyncId, request.MessageCase, orphanHandler);
        Dispatcher.AddPending(call);
        try
        {
            Request(request);
        }
        catch
        {
            Dispatcher.RemovePending(asyncId);
            throw;
        }
        call.RegisterCancellation(cancellationToken);
        return call.Completion.Task;
    }

    /// <summary>Drops a handle that was never wrapped in an <see cref="FfiHandle"/>.</summary>
    public static void DropRaw(ulong id)
    {
        if (id != 0)
        {
            NativeMethods.DropHandle(id);
        }
    }

    private static string? ReasonFromLog(FfiRequest.MessageOneofCase kind, long problemsBefore)
    {
        // cabi.rs logs "failed to handle request FfiRequest { message: Some(<Case>(...)) }: <error>".
        string marker = "Some(" + kind + "(";
        string? line = Logs.WaitForProblem(problemsBefore,
            m => m.Contains(marker, StringComparison.Ordinal) || m.StartsWith("failed to decode request", StringComparison.Ordinal),
            TimeSpan.FromMilliseconds(500));
        if (line is null)
        {
            return null;
        }
        int split = line.LastIndexOf("}: ", StringComparison.Ordinal);
        return split >= 0 ? line[(split + 3)..] : line;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnNativeEvent(byte* data, nuint length)
    {
        try
        {
            // The bytes are valid only during this call; routing copies what it keeps.
            s_instance?.Dispatcher.Route(new ReadOnlySpan<byte>(data, checked((int)length)));
        }
        catch (Exception ex)
        {
            try
            {
                Log.CallbackFailed(s_logger, ex);
            }
            catch (Exception)
            {
                // Nothing may escape into the core.
            }
        }
    }
}
