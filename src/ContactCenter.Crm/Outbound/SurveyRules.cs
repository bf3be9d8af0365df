using System.Globalization;
using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.Outbound;

/// <summary>Checks survey questions when a list is made, and answers against the questions when a result is recorded.</summary>
internal static class SurveyRules
{
    public const int MaxQuestions = 50;
    public const int MaxAnswerLength = 2000;

    /// <summary>Builds the questions, adding an error per bad field (<c>questions[0].kind</c>).</summary>
    public static List<SurveyQuestion> Questions(List<SurveyQuestionRequest>? requests, Dictionary<string, string[]> errors, Func<Guid> newId)
    {
        var questions = new List<SurveyQuestion>();
        if (requests is null)
        {
            return questions;
        }

        if (requests.Count > MaxQuestions)
        {
            errors["questions"] = [$"At most {MaxQuestions} questions."];
            return questions;
        }

        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var field = $"questions[{i}]";
            var text = request?.Text?.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > 400)
            {
                errors[field + ".text"] = ["Give the question's text (1 to 400 characters)."];
            }

            if (!KebabNames.TryParse<SurveyQuestionKind>(request?.Kind, out var kind))
            {
                errors[field + ".kind"] = [$"Give one of: {KebabNames.All<SurveyQuestionKind>()}."];
                continue;
            }

            var choices = (request!.Choices ?? []).Select(c => c?.Trim() ?? "").ToList();
            if (kind == SurveyQuestionKind.Choice
                && (choices.Count is < 2 or > 20 || choices.Any(c => c.Length is 0 or > 200)
                    || choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count))
            {
                errors[field + ".choices"] = ["A choice question needs 2 to 20 different choices of 1 to 200 characters."];
            }
            else if (kind != SurveyQuestionKind.Choice && choices.Count > 0)
            {
                errors[field + ".choices"] = ["Only a choice question has choices."];
            }

            questions.Add(new SurveyQuestion { Id = newId(), Number = i + 1, Text = text ?? "", Kind = kind, Choices = choices });
        }

        return questions;
    }

    /// <summary>
    /// Reads the answers (keyed by question number) into their normal form; each bad one adds an error under
    /// <c>answers.N</c> naming the question and what it takes.
    /// </summary>
    public static Dictionary<SurveyQuestion, string> Answers(IReadOnlyList<SurveyQuestion> questions, Dictionary<string, string>? answers,
        Dictionary<string, string[]> errors)
    {
        var read = new Dictionary<SurveyQuestion, string>();
        foreach (var (key, raw) in answers ?? [])
        {
            var field = $"answers.{key}";
            var question = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? questions.FirstOrDefault(q => q.Number == number)
                : null;
            if (question is null)
            {
                errors[field] = [questions.Count == 0
                    ? "This list has no survey questions."
                    : $"There is no question {key}: the questions are numbered 1 to {questions.Count}."];
                continue;
            }

            var value = Normal(question, raw?.Trim());
            if (value is null)
            {
                errors[field] = [$"Question {question.Number} ('{question.Text}'): {Expected(question)}"];
                continue;
            }

            read[question] = value;
        }

        return read;
    }

    private static string? Normal(SurveyQuestion question, string? answer)
    {
        if (string.IsNullOrEmpty(answer))
        {
            return null;
        }

        return question.Kind switch
        {
            SurveyQuestionKind.YesNo => answer.ToLowerInvariant() is "yes" or "no" ? answer.ToLowerInvariant() : null,
            SurveyQuestionKind.Choice => question.Choices.FirstOrDefault(c => string.Equals(c, answer, StringComparison.OrdinalIgnoreCase)),
            SurveyQuestionKind.Scale => int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5
                ? n.ToString(CultureInfo.InvariantCulture)
                : null,
            _ => answer.Length <= MaxAnswerLength ? answer : null,
        };
    }

    private static string Expected(SurveyQuestion question) => question.Kind switch
    {
        SurveyQuestionKind.YesNo => "answer yes or no.",
        SurveyQuestionKind.Choice => $"answer one of: {string.Join(", ", question.Choices)}.",
        SurveyQuestionKind.Scale => "answer a whole number from 1 to 5.",
        _ => $"answer with 1 to {MaxAnswerLength} characters.",
    };

    public static SurveyQuestionDto ToDto(SurveyQuestion question) =>
        new(question.Number, question.Text, KebabNames.Of(question.Kind), question.Choices);
}
