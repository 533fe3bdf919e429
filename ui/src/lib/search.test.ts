import { describe, expect, it } from "vitest";
import { foldForSearch, matchesAllTerms, searchTerms } from "./search";

describe("search", () => {
  it("ignores case and accents", () => {
    expect(foldForSearch("Société Générale")).toBe("societe generale");
    expect(matchesAllTerms(searchTerms("SOCIETE"), ["Owner: Société Générale"])).toBe(true);
  });

  it("needs every word, in any order, in any of the texts", () => {
    const texts = ["Owner: Partner Feed", "Source"];
    expect(matchesAllTerms(searchTerms("feed partner"), texts)).toBe(true);
    expect(matchesAllTerms(searchTerms("partner source"), texts)).toBe(true);
    expect(matchesAllTerms(searchTerms("partner community"), texts)).toBe(false);
  });

  it("matches everything when nothing is typed", () => {
    expect(searchTerms("   ")).toEqual([]);
    expect(matchesAllTerms([], ["anything"])).toBe(true);
  });
});
