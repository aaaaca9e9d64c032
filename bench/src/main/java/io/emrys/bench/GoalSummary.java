package io.emrys.bench;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The report's goals in one list at its end, so that a closing note can quote a run's verdicts at a glance. Every
 * part states its goals in sentences ending in a bold met or missed; this gathers those sentences rather than a
 * second copy of each part's thresholds, so the summary cannot disagree with the tables above it.
 */
final class GoalSummary
{
    private static final Pattern VERDICT = Pattern.compile("\\*\\*(met|missed)[^*]*\\*\\*");

    private GoalSummary() {}

    static String of(String report)
    {
        List<String> goals = report.lines()
                .map(String::strip)
                .filter(line -> VERDICT.matcher(line).find())
                .filter(line -> !line.startsWith("|"))
                .toList();
        StringBuilder out = new StringBuilder("## Goals in this run\n\n");
        if (goals.isEmpty()) {
            out.append("No part of this run states a goal.\n");
        }
        goals.forEach(goal -> out.append("- ").append(goal).append('\n'));
        // a sentence may state more than one goal: count the verdicts, not the sentences
        long met = goals.stream().mapToLong(goal -> VERDICT.matcher(goal).results().filter(verdict -> verdict.group(1).equals("met")).count()).sum();
        long missed = goals.stream().mapToLong(goal -> VERDICT.matcher(goal).results().filter(verdict -> verdict.group(1).equals("missed")).count()).sum();
        out.append('\n').append(met).append(" met, ").append(missed).append(" missed.\n");
        return out.toString();
    }
}
