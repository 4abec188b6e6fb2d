namespace LiveKit.Api;

/// <summary>An access token was refused; <see cref="Error"/> says why.</summary>
public sealed class TokenValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TokenValidationException(TokenValidationError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the exception with the default reason (<see cref="TokenValidationError.Malformed"/>).</summary>
    public TokenValidationException()
        : this(TokenValidationError.Malformed, "The access token is malformed.")
    {
    }

    /// <summary>Creates the exception with the default reason (<see cref="TokenValidationError.Malformed"/>).</summary>
    public TokenValidationException(string message)
        : this(TokenValidationError.Malformed, message)
    {
    }

    /// <summary>Creates the exception with the default reason (<see cref="TokenValidationError.Malformed"/>).</summary>
    public TokenValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = TokenValidationError.Malformed;
    }

    /// <summary>Why the token was refused.</summary>
    public TokenValidationError Error { get; }
}
