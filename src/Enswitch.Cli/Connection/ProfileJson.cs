using System.Text.Json.Serialization;

namespace Enswitch.Cli.Connection;

/// <summary>The source-generated JSON contract of <see cref="ProfileFile"/> (no reflection, so the tool stays AOT-safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileFile))]
internal sealed partial class ProfileJson : JsonSerializerContext;
