namespace CertPortal.Features.Targets.Connectors;

/// <summary>One setting a connector declares; the targets page builds its form from these and the API validates with them.</summary>
/// <remarks><paramref name="Lines"/> above 1 makes a multi-line box (keys, checklists).</remarks>
public sealed record TargetField(string Name, string Label, string Help, bool Secret = false, bool Required = true, int Lines = 1);
