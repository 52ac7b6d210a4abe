namespace Enswitch.Client.Transport;

/// <summary>One function's entry in the generated catalogue.</summary>
/// <param name="Kind">What repeating it would do.</param>
/// <param name="Since">The Enswitch version that added it, or <see langword="null"/> where the guide shows no change history (then no version is refused).</param>
/// <param name="Authentication">Whether it takes credentials.</param>
/// <param name="ParameterSince">The parameters added after the function, with the version that added each.</param>
/// <param name="SecretParameters">The parameters whose values are secrets (passwords, PINs, tokens).</param>
/// <param name="AcceptsValidation">Whether the function documents <c>validation</c> (validate, write nothing).</param>
/// <param name="AbsentMeansDone">Whether a retry answering 404 after an unanswered attempt ends as done (a delete, a hang-up).</param>
/// <param name="AnswerHoldsSecret">Whether a successful answer carries a secret the SDK cannot know beforehand (a login's token).</param>
internal sealed record CataloguedFunction(
    OperationKind Kind,
    Version? Since,
    FunctionAuthentication Authentication,
    IReadOnlyDictionary<string, Version> ParameterSince,
    IReadOnlyCollection<string> SecretParameters,
    bool AcceptsValidation,
    bool AbsentMeansDone,
    bool AnswerHoldsSecret)
{
    /// <summary>Gets every parameter the catalogue documents for the function, in guide order.</summary>
    public IReadOnlyList<string> DocumentedParameters { get; init; } = [];
}
