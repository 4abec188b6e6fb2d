namespace WarmTransfer.TransferAgent.Worker;

/// <summary>A job could not run, for a reason worth reporting to the server as is (bad metadata, unknown kind, join failure).</summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException()
    {
    }

    public JobFailedException(string message)
        : base(message)
    {
    }

    public JobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
