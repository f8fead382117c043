// The parity set: varied sentences (short, long, questions, code, math, non-English, odd characters) on
// which the ONNX encoder must agree with the TF.js reference. Deterministic; no external data.
const short = [
  'Hello world.', 'Hi', 'ok', 'Yes!', 'No.', 'Thanks a lot', 'What time is it?', 'Good morning, everyone.',
  'The cat sat on the mat.', 'I love pizza.', 'Is it raining?', 'See you tomorrow.', 'Why?', 'x', '42',
  'Call me maybe', 'Stop.', 'Let us go.', 'Who are you?', 'Turn left at the lights.',
];

const questions = [
  'What is the capital of Australia?',
  'How do I reverse a linked list in place?',
  'Explain the difference between TCP and UDP in simple terms.',
  'Which planet in our solar system has the most moons?',
  'Can you summarise the plot of Hamlet in three sentences?',
  'What are the side effects of ibuprofen?',
  'How many grams of protein should an adult eat per day?',
  'Translate "good night" into Japanese.',
  'Write a haiku about autumn leaves.',
  'Who won the FIFA World Cup in 2014?',
  'What is the derivative of x^3 * sin(x)?',
  'Is it safe to eat raw cookie dough?',
  'Give me three ideas for a birthday party for a ten year old.',
  'What does the Python GIL do?',
  'How does a transformer neural network use attention?',
  'Recommend a good book about the history of mathematics.',
  'What is the boiling point of water at the top of Mount Everest?',
  'How do vaccines train the immune system?',
  'Which is heavier, a kilogram of feathers or a kilogram of steel?',
  'Why is the sky blue during the day and red at sunset?',
  'Draft a polite email asking my landlord to fix the heating.',
  'What are the main causes of the French Revolution?',
  'How do I set up SSH keys on a new laptop?',
  'Compare the economic policies of Keynes and Hayek.',
  'What is the time complexity of quicksort in the worst case?',
  'Should I use PostgreSQL or MongoDB for a small web shop?',
  'What is a monad, explained without category theory?',
  'List five prime numbers greater than one hundred.',
  'How long does it take light from the Sun to reach Earth?',
  'What is the best way to learn a new language as an adult?',
];

const code = [
  'def add(a, b):\n    return a + b',
  'for (let i = 0; i < n; i++) { sum += arr[i]; }',
  'SELECT name, COUNT(*) FROM orders GROUP BY name HAVING COUNT(*) > 5;',
  'const x = await fetch("/api/items").then((r) => r.json());',
  '#include <stdio.h>\nint main(void) { printf("hi\\n"); return 0; }',
  'git rebase -i HEAD~3 && git push --force-with-lease',
  'kubectl get pods -n production | grep CrashLoopBackOff',
  'fn main() { let v: Vec<u32> = (1..10).collect(); println!("{:?}", v); }',
  'public static void main(String[] args) { System.out.println("Hello"); }',
  'Why does `np.array([1,2,3]) == None` return an array instead of False?',
  'TypeError: Cannot read properties of undefined (reading \'map\')',
  'import torch; x = torch.randn(3, 4); print(x @ x.T)',
  '<div class="card"><h2>{{ title }}</h2></div>',
  'docker run -p 8080:80 -v $(pwd):/app nginx:latest',
  'lambda x: [y ** 2 for y in x if y % 2 == 0]',
  'package main\nimport "fmt"\nfunc main() { fmt.Println("go") }',
  'CREATE INDEX idx_users_email ON users (email);',
  'assert all(isinstance(k, str) for k in d.keys())',
  'std::vector<int> v{1, 2, 3}; std::sort(v.begin(), v.end());',
  'curl -X POST -H "Content-Type: application/json" -d \'{"a":1}\' http://localhost:3000',
];

const math = [
  'Solve for x: 2x + 3 = 11.',
  '∫_0^1 x^2 dx = 1/3',
  'If f(x) = e^{2x}, what is f\'(0)?',
  'Prove that the square root of 2 is irrational.',
  'What is 17 × 23?',
  'Compute the determinant of [[1, 2], [3, 4]].',
  'A train travels 120 km in 1.5 hours. What is its average speed?',
  'lim_{n→∞} (1 + 1/n)^n = e',
  'Find all integer solutions of x^2 - y^2 = 15.',
  'The probability of rolling two sixes with two dice is 1/36.',
  'Σ_{k=1}^{n} k = n(n+1)/2',
  'What is the eigenvalue decomposition of a symmetric matrix?',
  '3.14159 * 2.71828 ≈ 8.5397',
  'Let G be a group of order 15; show that G is cyclic.',
  'Convert 255 from decimal to binary and hexadecimal.',
  'Is 1,000,003 a prime number?',
  'Simplify (a + b)^2 - (a - b)^2.',
  'P(A|B) = P(B|A) P(A) / P(B)',
  'How many ways can 8 rooks be placed on a chessboard so that none attack each other?',
  'α + β = γ, where α = 30° and β = 45°',
];

const nonEnglish = [
  'Bonjour, comment allez-vous aujourd\'hui ?',
  'Wo ist der nächste Bahnhof?',
  '¿Cuál es la capital de Argentina?',
  'Ich möchte ein Glas Wasser, bitte.',
  'Questo è il miglior ristorante della città.',
  'Eu gosto muito de música brasileira.',
  'Привет, как дела?',
  '今日はいい天気ですね。',
  '我想学习中文。',
  '서울은 한국의 수도입니다.',
  'مرحبا، كيف حالك؟',
  'שלום עולם',
  'नमस्ते, आप कैसे हैं?',
  'Καλημέρα σας',
  'Dziękuję bardzo za pomoc.',
  'Het weer is vandaag erg mooi.',
  'Jag älskar att läsa böcker.',
  'Tämä on hyvin vaikea kysymys.',
  'Bugün hava çok güzel.',
  'Xin chào, bạn có khỏe không?',
  'Selamat pagi, apa kabar?',
  'Ελληνικά και English mixed together',
  'El niño comió una manzana roja.',
  'Où se trouve la bibliothèque municipale ?',
  'Größenwahn ist keine Lösung.',
  'Ça coûte combien, s\'il vous plaît ?',
  'Je ne sais pas quoi faire ce week-end.',
  'Mañana vamos a la playa con mis amigos.',
  'Это очень интересная книга.',
  'Ευχαριστώ πολύ!',
];

const odd = [
  'I ❤️ NY 🍎🗽',
  'Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ ａｎｄ ｎｕｍｂｅｒｓ １２３',
  'ﬁne ligatures and ½ fractions',
  'Multiple   spaces    between   words',
  '  leading and trailing spaces  ',
  'Tabs\tand\nnewlines\nin\ttext',
  'ALL CAPS SHOUTING TEXT!!!',
  'email me at someone@example.com or visit https://example.org/path?q=1',
  '#hashtag @mention $100 50% & more',
  '...???!!!',
  'C\'est l\'été — « déjà » !',
  'naïve café résumé coöperate',
  '“Smart quotes” and ‘single ones’',
  'The price is €12.50 (about £10.80 or ¥1,900).',
  'Temperature: −5 °C at 06:30',
  '(╯°□°)╯︵ ┻━┻',
  'ASCII art: +--+\n|  |\n+--+',
  'a b c d e f g h i j k l m n o p',
  'Ünïcödé everywhere ñ ç ø å',
  '😀😃😄😁😆😅',
];

const mixed = [
  'Summarise this: The meeting moved to Thursday because the client asked for more time.',
  'Rewrite in formal English: gonna be late, traffic is nuts',
  'Is GPT-4 better than Claude for writing unit tests?',
  'My React useEffect runs twice in development. Why?',
  'Explain Big-O notation to a 12-year-old.',
  'What should I pack for a week of hiking in the Alps in September?',
  'Generate a SQL query that finds duplicate emails in a users table.',
  'Estimate how many piano tuners work in Chicago.',
  'Pros and cons of remote work, as a bulleted list.',
  'Fix the bug: `for i in range(len(xs)): xs.remove(xs[i])`',
  'A bat and a ball cost $1.10 in total; the bat costs $1.00 more than the ball. How much is the ball?',
  'Write a limerick about a cat who learned to code.',
  'What is the difference between affect and effect?',
  'Was ist der Unterschied zwischen „seit“ und „seid“?',
  'Comment dit-on "machine learning" en français ?',
  'Describe the water cycle in four steps.',
  'Can penguins fly? Answer yes or no.',
  'Outline a 30-minute beginner workout with no equipment.',
  'What year did the Berlin Wall fall, and why did it matter?',
  'Convert 72 degrees Fahrenheit to Celsius.',
];

const topics = ['the weather', 'machine learning', 'the stock market', 'ancient Rome', 'quantum computing', 'gardening', 'football', 'cooking pasta', 'climate change', 'jazz music'];
const templates = [
  (t: string) => `Tell me something interesting about ${t}.`,
  (t: string) => `I have been reading a lot about ${t} lately and I would like a short, clear overview that a beginner can follow.`,
  (t: string) => `Write a detailed essay on ${t}, covering its history, the key ideas and people involved, the main controversies, and what experts expect to happen over the next twenty years. Use examples and keep the tone friendly but precise.`,
  (t: string) => `Quick question about ${t}: is it overrated?`,
];
const generated = topics.flatMap((t) => templates.map((f) => f(t)));

const longParagraph =
  'Routing a query to the right language model is a trade-off between quality and cost: a large model answers ' +
  'almost everything well but costs a lot, while a small model is cheap and often good enough. A router reads ' +
  'the query, estimates how well each model would do, and picks the cheapest one that is likely to succeed. ';
const long = [
  longParagraph,
  longParagraph.repeat(2),
  longParagraph.repeat(4), // well past the encoder's 128-token limit
  'word '.repeat(200).trim(),
  Array.from({ length: 60 }, (_, i) => `item${i}`).join(', '),
];

export const paritySentences: string[] = [...short, ...questions, ...mixed, ...code, ...math, ...nonEnglish, ...odd, ...generated, ...long];
