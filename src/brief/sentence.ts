// A sentence of a brief, built piece by piece so that every number in it carries the id of its fact.

import type { Fact } from "../figures/index.js";

/**
 * Where a fact stands in a sentence's text: its value, its basis (the year-earlier level), the month it
 * compares with (`period`: "since March 2024"), its own month (`month`: "in December 2024"), a count, or the
 * figure the Ministry first printed for it before a revision (`published`).
 */
export interface Span {
  start: number;
  end: number;
  factId: string;
  kind: "value" | "basis" | "period" | "month" | "count" | "published";
}

export interface Sentence {
  text: string;
  facts: string[];
  spans: Span[];
}

export class SentenceBuilder {
  private text = "";
  private readonly spans: Span[] = [];
  private readonly cited: string[] = [];

  add(words: string): this {
    this.text += words;
    return this;
  }

  /** Writes `shown` as the rendering of `fact` (its value, basis, the period it compares with, or a count). */
  fact(fact: Fact, shown: string, kind: Span["kind"] = "value"): this {
    const start = this.text.length;
    this.text += shown;
    this.spans.push({ start, end: this.text.length, factId: fact.id, kind });
    return this;
  }

  /** Ends the sentence with `mark`, unless its last word already did ("with the U.S."). */
  end(mark = "."): this {
    if (!this.text.endsWith(mark)) this.text += mark;
    return this;
  }

  /** A fact the sentence states in words only ("the highest November on record"). */
  cite(fact: Fact): this {
    this.cited.push(fact.id);
    return this;
  }

  build(): Sentence {
    return { text: this.text, facts: [...new Set([...this.spans.map((s) => s.factId), ...this.cited])], spans: this.spans };
  }
}

export const sentence = () => new SentenceBuilder();
