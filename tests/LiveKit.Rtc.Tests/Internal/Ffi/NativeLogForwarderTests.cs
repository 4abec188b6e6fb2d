using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using RustLevel = LiveKit.Rtc.Internal.Proto.LogLevel;

namespace LiveKit.Rtc.Tests.Internal.Ffi;

public sealed class NativeLogForwarderTests
{
    [Theory]
    [InlineData((int)RustLevel.LogError, LogLevel.Error)]
    [InlineData((int)RustLevel.LogWarn, LogLevel.Warning)]
    [InlineData((int)RustLevel.LogInfo, LogLevel.Information)]
    [InlineData((int)RustLevel.LogDebug, LogLevel.Debug)]
    [InlineData((int)RustLevel.LogTrace, LogLevel.Trace)]
    public void Map_EachRustLevel_MapsToTheMatchingLogLevel(int rust, LogLevel expected)
        => Assert.Equal(expected, NativeLogForwarder.Map((RustLevel)rust));

    [Fact]
    public async Task Forward_BatchOfAllLevels_LogsThoseAtOrAboveTheMinimumUnderTheTargetCategory()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        using var forwarder = new NativeLogForwarder { LoggerFactory = factory, MinimumLevel = LogLevel.Information };
        var batch = new LogBatch();
        foreach (var level in Enum.GetValues<RustLevel>())
        {
            batch.Records.Add(new LogRecord { Level = level, Target = "livekit::room", Message = "at " + level });
        }

        forwarder.Forward(batch);

        await WaitUntil(() => collector.Count >= 3);
        var records = collector.GetSnapshot();
        Assert.Equal([LogLevel.Error, LogLevel.Warning, LogLevel.Information], records.Select(r => r.Level));
        Assert.All(records, r => Assert.Equal("LiveKit.Rtc.Native.livekit.room", r.Category));
        Assert.Equal("[livekit::room] at LogError", records[0].Message);
    }

    [Fact]
    public async Task Dispose_EndsTheForwardingLoopAfterQueuedRecords()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var forwarder = new NativeLogForwarder { LoggerFactory = factory };
        forwarder.Forward(new LogBatch { Records = { new LogRecord { Level = RustLevel.LogError, Target = "t", Message = "last words" } } });

        forwarder.Dispose();

        await forwarder.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("[t] last words", collector.LatestRecord.Message);
    }

    [Fact]
    public async Task Forward_MessageWithToken_IsRedacted()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        using var forwarder = new NativeLogForwarder { LoggerFactory = factory };
        var batch = new LogBatch
        {
            Records =
            {
                new LogRecord { Level = RustLevel.LogWarn, Target = "t", Message = "ConnectRequest { url: \"ws://h/rtc?access_token=abc.def\", token: \"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln\" }" },
            },
        };

        forwarder.Forward(batch);

        await WaitUntil(() => collector.Count >= 1);
        string message = collector.LatestRecord.Message;
        Assert.DoesNotContain("eyJ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def", message, StringComparison.Ordinal);
        Assert.Contains("[redacted-token]", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoreWarning_DroppingAnUnknownHandle_ArrivesAsWarningThroughRtcRuntimeLoggerFactory()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var previous = RtcRuntime.LoggerFactory;
        RtcRuntime.LoggerFactory = factory;
        try
        {
            RtcRuntime.EnsureInitialized();
            Assert.False(NativeMethods.DropHandle(555_444_333));

            await WaitUntil(() => collector.GetSnapshot().Any(r => r.Message.Contains("555444333", StringComparison.Ordinal)));
            var record = collector.GetSnapshot().First(r => r.Message.Contains("555444333", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Warning, record.Level);
            Assert.StartsWith("LiveKit.Rtc.Native", record.Category, StringComparison.Ordinal);
        }
        finally
        {
            RtcRuntime.LoggerFactory = previous;
        }
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
