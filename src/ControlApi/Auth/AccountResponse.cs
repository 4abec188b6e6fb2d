namespace WarmTransfer.ControlApi.Auth;

/// <summary>An agent or admin as the API shows it; <see cref="Online"/> means a console has its event stream open.</summary>
internal sealed record AccountResponse(string Identity, string Name, string Role, bool Online);
