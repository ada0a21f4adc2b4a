import { mentionableListSchema } from "@/contracts/comments";
import { bookContext } from "@/server/auth/book-context";
import { listMentionable } from "@/server/comments/list-mentionable";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** The people who can see the book, for the comment box's @mention picker. */
export const GET = jsonRoute({ response: mentionableListSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return listMentionable(ctx, (await params).bookId);
});
