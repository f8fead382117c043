// Catches what one message throws while rendering and shows that message as plain text in its place: a hostile
// answer can break its own box, never the thread, the conversation list or the page.
import { Component, type ReactNode } from 'react';
import { PlainText } from './Markdown.tsx';

interface Props {
  text: string;
  children: ReactNode;
}

export class MessageBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (previous.text !== this.props.text && this.state.error) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <article className="message assistant" aria-label="Answer">
        <PlainText text={this.props.text} note={`this message could not be displayed (${error.message})`} />
      </article>
    );
  }
}
