using Google.Protobuf;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using RustLevel = LiveKit.Rtc.Internal.Proto.LogLevel;

namespace LiveKit.Rtc.Tests.Internal.Ffi;

/// <summary>The core's log batches, filtered by level before their records are parsed.</summary>
public sealed class LogBatchViewTests
{
    private static byte[] Batch(params (RustLevel Level, string Message)[] records)
    {
        var batch = new LogBatch();
        foreach (var (level, message) in records)
        {
            batch.Records.Add(new LogRecord { Level = level, Target = "livekit::rtc_engine", ModulePath = "livekit::rtc_engine", File = "src/rtc_engine/mod.rs", Line = 42, Message = message });
        }

        return new FfiEvent { Logs = batch }.ToByteArray();
    }

    [Fact]
    public async Task Route_BatchOfEveryLevel_ForwardsThoseAtOrAboveTheMinimumInOrder()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        using var logs = new NativeLogForwarder { LoggerFactory = factory, MinimumLevel = LogLevel.Information };
        var dispatcher = new FfiDispatcher(_ => true, logs, NullLogger.Instance);

        dispatcher.Route(Batch(
            (RustLevel.LogTrace, "trace"), (RustLevel.LogInfo, "info"), (RustLevel.LogDebug, "debug"),
            (RustLevel.LogWarn, "warn"), (RustLevel.LogError, "error"), (RustLevel.LogTrace, "trace again")));

        await WaitUntil(() => collector.Count >= 3);
        await Task.Delay(50); // nothing else may follow
        Assert.Equal(["[livekit::rtc_engine] info", "[livekit::rtc_engine] warn", "[livekit::rtc_engine] error"], collector.GetSnapshot().Select(r => r.Message));
    }

    [Fact]
    public void TryForward_OnlyRecordsBelowTheMinimum_AllocatesNothing()
    {
        using var logs = new NativeLogForwarder { MinimumLevel = LogLevel.Information };
        byte[] batch = Batch([.. Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? RustLevel.LogTrace : RustLevel.LogDebug, $"packet {i} sent on the subscriber transport"))]);
        Assert.True(LogBatchView.TryForward(batch, logs)); // first call: JIT and statics

        // Steady state: some round of 1,000 allocates nothing (the runtime's tier-up bookkeeping can land here once;
        // parsing the records would allocate in every round).
        long least = long.MaxValue;
        for (int round = 0; round < 5 && least > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                LogBatchView.TryForward(batch, logs);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    [Fact]
    public void TryForward_WarningWhileLoggingIsOff_IsStillRememberedForErrors()
    {
        using var logs = new NativeLogForwarder { MinimumLevel = LogLevel.None };
        long before = logs.LatestProblemSequence;

        Assert.True(LogBatchView.TryForward(Batch((RustLevel.LogWarn, "failed to connect: 401 Unauthorized")), logs));

        Assert.Equal(["failed to connect: 401 Unauthorized"], logs.ProblemsSince(before));
    }

    [Fact]
    public void TryForward_OtherEventsAndMalformedBatches_AreLeftToTheFullParser()
    {
        using var logs = new NativeLogForwarder { MinimumLevel = LogLevel.Trace };
        long before = logs.LatestProblemSequence;
        byte[] batch = Batch((RustLevel.LogError, "one"), (RustLevel.LogError, "two"));

        Assert.False(LogBatchView.TryForward(new FfiEvent { Panic = new Panic { Message = "boom" } }.ToByteArray(), logs));
        Assert.False(LogBatchView.TryForward(batch.AsSpan(0, batch.Length - 3), logs));
        Assert.False(LogBatchView.TryForward(ReadOnlySpan<byte>.Empty, logs));
        Assert.Empty(logs.ProblemsSince(before)); // a malformed batch is not half forwarded
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
