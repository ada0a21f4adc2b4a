/**
 * The reader's chapter text style, shared by the server-rendered opening chapter and the others. Its own
 * module: the reader (a client component) needs the class name only, and importing it from markdown-body.tsx
 * put react-markdown and its parser into the book page's first load.
 */
export const readerChapterClass = "mt-5 font-serif text-[1.05rem] text-stone-800";
