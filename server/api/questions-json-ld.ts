// PURE. schema.org Question + Answer for a product's questions, joined to its Product in one @graph: schema.org has
// no Product property for questions, so each Question names the Product it is `about` through the Product's @id.

export interface QuestionJsonLdInput {
  body: string;
  authorName: string;
  createdAt: Date;
  answers: { body: string; authorName: string; createdAt: Date }[];
}

export function withQuestionsJsonLd(product: Record<string, unknown>, productUrl: string, questions: QuestionJsonLdInput[]): Record<string, unknown> {
  if (questions.length === 0) return product;
  const id = `${productUrl}#product`;
  const { '@context': context, ...rest } = product;
  const person = (name: string) => ({ '@type': 'Person', name });
  return {
    '@context': context ?? 'https://schema.org',
    '@graph': [
      { '@id': id, ...rest },
      ...questions.map((q) => ({
        '@type': 'Question',
        name: q.body.length > 110 ? `${q.body.slice(0, 107)}…` : q.body,
        text: q.body,
        dateCreated: q.createdAt.toISOString(),
        author: person(q.authorName),
        about: { '@id': id },
        answerCount: q.answers.length,
        ...(q.answers.length
          ? {
              suggestedAnswer: q.answers.map((a) => ({
                '@type': 'Answer',
                text: a.body,
                dateCreated: a.createdAt.toISOString(),
                author: person(a.authorName),
              })),
            }
          : {}),
      })),
    ],
  };
}
