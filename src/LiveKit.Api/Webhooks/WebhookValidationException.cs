namespace LiveKit.Api;

/// <summary>A webhook request was refused; <see cref="Error"/> says why.</summary>
public sealed class WebhookValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookValidationException(WebhookValidationError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Creates the exception with the default reason (<see cref="WebhookValidationError.MalformedBody"/>).</summary>
    public WebhookValidationException()
        : this(WebhookValidationError.MalformedBody, "The webhook request is invalid.")
    {
    }

    /// <summary>Creates the exception with the default reason (<see cref="WebhookValidationError.MalformedBody"/>).</summary>
    public WebhookValidationException(string message)
        : this(WebhookValidationError.MalformedBody, message)
    {
    }

    /// <summary>Creates the exception with the default reason (<see cref="WebhookValidationError.MalformedBody"/>).</summary>
    public WebhookValidationException(string message, Exception innerException)
        : this(WebhookValidationError.MalformedBody, message, innerException)
    {
    }

    /// <summary>Why the request was refused.</summary>
    public WebhookValidationError Error { get; }
}
