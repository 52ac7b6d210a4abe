using Enswitch.Client.Recording;

namespace Enswitch.Client.Sample;

/// <summary>
/// What the command line asked for: the group to create, whether only to validate it, and the
/// configuration overrides (<c>--Enswitch:Key=value</c>) to hand to the host's configuration.
/// </summary>
/// <param name="Request">The record group to create or validate.</param>
/// <param name="ValidateOnly">Whether to ask the server to validate the group without creating it.</param>
/// <param name="ConfigurationArguments">The arguments that are configuration keys, for the host's command-line provider.</param>
internal sealed record SampleArguments(CreateRecordGroupRequest Request, bool ValidateOnly, string[] ConfigurationArguments);
