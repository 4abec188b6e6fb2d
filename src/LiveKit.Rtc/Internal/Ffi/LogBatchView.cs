using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// Reads an <c>FfiEvent.logs</c> batch record by record, looking at each record's level before anything else:
/// with capture_logs the core sends every level, trace included (about 20 KB/s in a quiet room), and parsing
/// those records only to drop them allocated their strings. Only records the forwarder wants are parsed.
/// </summary>
internal static class LogBatchView
{
    // FfiEvent.logs = 18; LogBatch.records = 1; LogRecord.level = 1 (see ffi.proto).
    private const int FfiEventLogs = 18;
    private const int BatchRecords = 1;
    private const int RecordLevel = 1;

    /// <summary>
    /// Forwards the wanted records of <paramref name="ffiEvent"/> when it is a log batch. Returns false when it is
    /// another kind of event or malformed (nothing was forwarded then); the caller falls back to the full parser.
    /// </summary>
    public static bool TryForward(ReadOnlySpan<byte> ffiEvent, NativeLogForwarder logs)
    {
        var reader = new ProtoWireReader(ffiEvent);
        if (!reader.TryReadTag(out int field, out int wire) || field != FfiEventLogs
            || wire != ProtoWireReader.WireLengthDelimited || !reader.TryReadLengthDelimited(out var batch) || !reader.End
            || !IsWellFormed(batch))
        {
            return false;
        }

        var records = new ProtoWireReader(batch);
        while (!records.End)
        {
            records.TryReadTag(out field, out wire);
            if (field != BatchRecords || wire != ProtoWireReader.WireLengthDelimited)
            {
                records.TrySkip(wire);
                continue;
            }

            records.TryReadLengthDelimited(out var record);
            if (logs.Wants(NativeLogForwarder.Map(LevelOf(record))))
            {
                logs.Forward(LogRecord.Parser.ParseFrom(record));
            }
        }

        return true;
    }

    /// <summary>A missing level reads as the proto default, LOG_ERROR: such a record is kept.</summary>
    private static Proto.LogLevel LevelOf(ReadOnlySpan<byte> record)
    {
        var reader = new ProtoWireReader(record);
        while (!reader.End && reader.TryReadTag(out int field, out int wire))
        {
            if (field == RecordLevel && wire == ProtoWireReader.WireVarint)
            {
                return reader.TryReadVarint(out ulong level) && level <= (ulong)Proto.LogLevel.LogTrace ? (Proto.LogLevel)level : Proto.LogLevel.LogError;
            }

            if (!reader.TrySkip(wire))
            {
                break;
            }
        }

        return Proto.LogLevel.LogError;
    }

    /// <summary>Checks the batch's framing first, so a malformed one is never half forwarded.</summary>
    private static bool IsWellFormed(ReadOnlySpan<byte> batch)
    {
        var reader = new ProtoWireReader(batch);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out _, out int wire) || !reader.TrySkip(wire))
            {
                return false;
            }
        }

        return true;
    }
}
