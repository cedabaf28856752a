import Markdown from "react-markdown";

/**
 * An event's Markdown text, as the event page and the editor's preview show it. react-markdown
 * renders no raw HTML (no rehype-raw) and drops javascript: links: the text is shown, never executed.
 */
export function EventBody({ markdown, testId }: { markdown: string; testId?: string }) {
  return (
    <div className="prose-event mt-2 text-tremor-default" data-testid={testId}>
      <Markdown>{markdown}</Markdown>
    </div>
  );
}
