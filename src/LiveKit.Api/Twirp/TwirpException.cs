using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LiveKit.Api;

/// <summary>
/// A Twirp error: the server's <see cref="Code"/> (see <see cref="TwirpErrorCode"/>), its message, optional
/// metadata, and the HTTP status it came with.
/// </summary>
public sealed class TwirpException : Exception
{
    /// <summary>Creates an error with a code and message; the HTTP status follows from the code unless given.</summary>
    public TwirpException(string code, string message, IReadOnlyDictionary<string, string>? meta = null, int? httpStatus = null)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        Meta = meta ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        HttpStatus = httpStatus ?? TwirpErrorCode.GetHttpStatus(code);
    }

    /// <summary>Creates an <see cref="TwirpErrorCode.Unknown"/> error.</summary>
    public TwirpException()
        : this(TwirpErrorCode.Unknown, "Unknown Twirp error.")
    {
    }

    /// <summary>Creates an <see cref="TwirpErrorCode.Unknown"/> error with a message.</summary>
    public TwirpException(string message)
        : this(TwirpErrorCode.Unknown, message)
    {
    }

    /// <summary>Creates an <see cref="TwirpErrorCode.Unknown"/> error with a message and cause.</summary>
    public TwirpException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = TwirpErrorCode.Unknown;
        Meta = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        HttpStatus = 500;
    }

    /// <summary>The Twirp error code, e.g. <c>"not_found"</c>.</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the response.</summary>
    public int HttpStatus { get; }

    /// <summary>The error's <c>meta</c> entries; empty when there are none.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }

    /// <summary>The Twirp error body for this error: <c>{"code":…,"msg":…,"meta":{…}}</c>.</summary>
    public string ToJson() => FormatJson(Code, Message, Meta);

    /// <summary>Writes a Twirp error body (serve it with <c>Content-Type: application/json</c> exactly).</summary>
    public static string FormatJson(string code, string message, IReadOnlyDictionary<string, string>? meta = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("code", code);
            w.WriteString("msg", message);
            if (meta is { Count: > 0 })
            {
                w.WriteStartObject("meta");
                foreach (var (key, value) in meta)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Builds the exception for a non-success response: from its Twirp error body when it has one,
    /// otherwise from the HTTP status (Twirp's rules for responses that did not come from a Twirp server).
    /// </summary>
    /// <param name="httpStatus">The response status.</param>
    /// <param name="mediaType">The response's media type without parameters, or null.</param>
    /// <param name="body">The response body (or its start).</param>
    public static TwirpException FromResponse(int httpStatus, string? mediaType, ReadOnlySpan<byte> body)
    {
        if (string.Equals(mediaType, TwirpContentTypes.Json, StringComparison.OrdinalIgnoreCase) && TryParseBody(body, out var code, out var msg, out var meta))
        {
            return new TwirpException(code, msg, meta, httpStatus);
        }

        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 512)]).Trim();
        var message = text.Length > 0
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {httpStatus} from a non-Twirp endpoint: {text}")
            : string.Create(CultureInfo.InvariantCulture, $"HTTP {httpStatus} from a non-Twirp endpoint.");
        return new TwirpException(TwirpErrorCode.FromHttpStatus(httpStatus), message, null, httpStatus);
    }

    private static bool TryParseBody(ReadOnlySpan<byte> body, out string code, out string message, out Dictionary<string, string>? meta)
    {
        code = string.Empty;
        message = string.Empty;
        meta = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.ValueTextEquals("code"u8) ? 1 : reader.ValueTextEquals("msg"u8) ? 2 : reader.ValueTextEquals("meta"u8) ? 3 : 0;
                reader.Read();
                switch (property)
                {
                    case 1 when reader.TokenType == JsonTokenType.String:
                        code = reader.GetString()!;
                        break;
                    case 2 when reader.TokenType == JsonTokenType.String:
                        message = reader.GetString()!;
                        break;
                    case 3 when reader.TokenType == JsonTokenType.StartObject:
                        meta = [];
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var key = reader.GetString()!;
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                meta[key] = reader.GetString()!;
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return code.Length > 0;
    }
}
