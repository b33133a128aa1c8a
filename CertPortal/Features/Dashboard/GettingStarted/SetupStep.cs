namespace CertPortal.Features.Dashboard.GettingStarted;

/// <summary>One step of the getting-started checklist: done or not, and what doing it means.</summary>
public sealed record SetupStep(string Key, string Title, string Todo, bool Done);
